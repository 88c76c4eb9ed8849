"""Archival: a reviewed Inventory in, 档号 and the 归档文件目录 out.

``numbers`` gives each 件 its 档号 (DA/T 22-2015), kept stable by archive_numbers.csv; ``catalogue``
lists them as the 归档文件目录 (Markdown pages, CSV, XLSX) with classified 件 shown by 档号 only.
"""
