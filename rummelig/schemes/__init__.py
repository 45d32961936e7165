"""The schemes (ordninger) for employment on special terms, as dated data."""
