"""The privacy center's own sign-in, as an OpenID Connect relying party (Authlib)."""
