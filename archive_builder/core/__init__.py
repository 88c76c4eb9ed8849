"""What every stage shares, and nothing stage-specific: the plain values passed forward (``model``),
the configuration validated once at the edge (``config``, ``yamlio``), the one error model
(``errors``), the messages in English and Chinese (``i18n`` and its tables in ``messages/``), the
masking of personal numbers and the reading of classification marks (``privacy``), text decoding
(``textio``), spreadsheet cells that never run as formulas (``cells``), the site's address scheme
(``sitepaths``), the worker pool (``parallel``), per-file budgets (``budgets``) and the file-system
guards of the build (``buildfs``). It imports no stage.
"""
