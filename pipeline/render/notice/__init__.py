"""Letters the department sends: the 补正通知 to each applicant (checklist.py, checklist.docx)
and the Article 12 公示 of the applications proposed for certification (public_notice.py)."""
