"""Personal data (ID numbers, phone numbers, e-mail addresses): found, masked and redacted.

Used by the analysis (which files carry personal data), by every renderer (what experts
see) and by the copies of the applicant's files: so it lives outside render/.

- mask.py: mask_personal(text), has_personal_data(text), hidden_ranges(text) (what it hides);
- redact.py: masked copies of Word and Excel files, done in their XML;
- redact_legacy.py, redact_text.py: masked copies of old .doc/.xls files (converted first) and text files;
- regions.py: where a read PDF's or image's personal data is (pages, OCR line boxes);
- redact_pdf.py, redact_image.py: redacted copies of PDFs, photos and scans.
"""
