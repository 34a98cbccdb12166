"""Identity: the built-in OpenID provider, the center's own sign-in, sessions and the guard."""
