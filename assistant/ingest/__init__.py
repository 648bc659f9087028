"""Import published reports (web text, HTML, Word, PDF) into report files."""
