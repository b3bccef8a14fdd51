"""The catalog: models, loading with located errors, the overlay and the validated cache."""

from mlroute.catalog.loader import CatalogLoad, check_file, load_catalog
from mlroute.catalog.models import Catalog

__all__ = ["Catalog", "CatalogLoad", "check_file", "load_catalog"]
