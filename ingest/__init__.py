"""Reading agreement documents: files → lines → sections and clauses."""
