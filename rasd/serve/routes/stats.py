"""Aggregates for the dashboard: the time series by kind and the filter facets."""

from typing import Literal

from fastapi import APIRouter

from rasd.aggregate import query
from rasd.serve.common import READ, Cur, Filt
from rasd.serve.models import Facets, Timeseries

router = APIRouter(tags=["stats"])


@router.get("/stats/timeseries", dependencies=READ)
def timeseries(cur: Cur, f: Filt, interval: Literal["month", "week"] = "month") -> Timeseries:
    return query.timeseries(cur, f, interval)


@router.get("/facets", dependencies=READ)
def facets(cur: Cur, f: Filt) -> Facets:
    return query.facets(cur, f)
