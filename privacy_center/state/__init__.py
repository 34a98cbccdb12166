"""State shared by every page (who is signed in); page states live beside their pages."""
