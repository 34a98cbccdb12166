"""privacy-center: a self-hostable privacy center for a consumer platform."""
