"""Stage 1, scan: content/ in, an :class:`~archive_builder.core.model.Inventory` out.

Walks content/ (never writing there), reads each file's metadata (front matter, sidecars,
``_meta.yml``: ``metadata``), asks the readers whether the file opens (``filecheck``, ``readers/``:
one module per format family) and keeps what it learnt per content hash (``scancache``). Every file
becomes a Document, a SourceTable or a Problem naming the file, the problem and the fix.
"""
