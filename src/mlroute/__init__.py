"""mlroute: an offline terminal advisor for the degree-or-courses question in machine learning."""

__version__ = "0.1.0"
