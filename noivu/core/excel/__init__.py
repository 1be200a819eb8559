"""The spreadsheet layer of every importer and exporter (tệp Excel): one defensive reader
(python-calamine, :mod:`.reader`) and one streaming writer (:mod:`.writer`)."""
