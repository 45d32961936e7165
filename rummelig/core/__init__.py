"""Start page, layout, login and the shared building blocks of the pages."""
