"""The platform's built-in OAuth 2.0 / OpenID Connect provider ("Log in with Lattice")."""
