from strife.geo.distance import haversine_km
from strife.geo.evaluate import geo_metrics
from strife.schema import Event


def test_haversine():
    assert abs(haversine_km(0, 0, 0, 1) - 111.2) < 0.5


def test_geo_metrics(gaz):
    gold_mopti = {"country": "Mali", "admin1": "Mopti", "location": "Mopti", "latitude": "14.4843",
                  "longitude": "-4.18296", "geo_precision": "1"}
    gold_gap = {"country": "Mali", "admin1": "Segou", "location": "Zzyzxville", "latitude": "13.9",
                "longitude": "-5.3", "geo_precision": "2"}
    good = Event(event_id="a", country="Mali", admin1="Mopti", latitude=14.49, longitude=-4.19, geo_precision=1)
    far = Event(event_id="b", country="Mali", admin1="Ségou", latitude=13.44, longitude=-6.26, geo_precision=2)
    m = geo_metrics([(good, gold_mopti), (far, gold_gap)], gaz)
    assert m["n"] == 2
    assert m["country"] == 1.0
    assert m["admin1"] == 1.0  # Ségou == Segou
    assert m["within_25km"] == 0.5
    assert m["gazetteer_gap"] == 0.5
    assert m["resolution_within_25km"] == 1.0
    assert m["median_km"] > 1
    assert m["geo_precision"] == 1.0
