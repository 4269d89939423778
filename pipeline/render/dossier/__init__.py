"""The expert dossier of one application (dossier.html, dossier.docx): dossier.py builds its context."""
