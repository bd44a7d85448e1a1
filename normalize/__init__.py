"""normalize: clean machine-translated news text and make names consistent."""

from normalize.model import Change, Result
from normalize.normalizer import Normalizer, normalize_text
from normalize.tables import AliasTableError

__all__ = ["AliasTableError", "Change", "Normalizer", "Result", "__version__", "normalize_text"]
__version__ = "0.1.0"
