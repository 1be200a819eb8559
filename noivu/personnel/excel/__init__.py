"""Excel import and export of personnel records (nhập, xuất hồ sơ cán bộ bằng Excel).

``columns`` declares the columns once; ``reader`` reads a workbook defensively, ``validation`` checks it
column by column, ``importer`` commits all rows or none, ``errors`` writes the error workbook, ``template``
the blank template and ``exporter`` any list of persons in the same layout.
"""
