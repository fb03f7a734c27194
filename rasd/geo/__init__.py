"""Places: an Arabic gazetteer (GeoNames + OCHA Syria + CLDR) and toponym resolution.

``find_places(text)`` finds and resolves every place named in an article; ``geocode(name)`` resolves one
name. Both return ``rasd.model.Place`` records (precision 1 town, 2 near/part of, 3 region, 4 country).
"""

from rasd.geo.resolve import PlaceMention, find_places, geocode

__all__ = ["PlaceMention", "find_places", "geocode"]
