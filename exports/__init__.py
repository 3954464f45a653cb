"""Export writers for notices (公文 DOCX/PDF/OFD) and activity schedules (XLSX).

A pure package: no Django import, so that views, tasks and management commands can all
hand it plain dataclasses from ``exports.documents`` and a binary stream to write into.
"""
