"""Reusable UI pieces shared by pages."""
