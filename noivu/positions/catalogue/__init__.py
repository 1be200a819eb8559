"""The national position catalogue (danh mục vị trí việc làm): one check of what a position may hold,
shared by the editing page, the API and the Excel workbook (export, edit, import), and the pages of the
Ministry's staff who keep it, with each position's history of changes."""
