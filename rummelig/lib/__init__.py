"""Small framework-free helpers shared by the apps (no Django imports here)."""
