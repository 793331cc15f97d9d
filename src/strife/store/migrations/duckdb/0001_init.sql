-- strife schema v1 (DuckDB). Column order must match strife.store.base.
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    url TEXT,
    source TEXT,
    section TEXT,
    title TEXT,
    standfirst TEXT,
    body TEXT,
    language TEXT,
    published DATE,
    origin TEXT,
    "text" TEXT,
    extra JSON,
    stored_at TIMESTAMP DEFAULT current_timestamp
);

CREATE TABLE events (
    event_id TEXT PRIMARY KEY,
    event_date DATE,
    "year" INTEGER,
    time_precision INTEGER,
    disorder_type TEXT,
    event_type TEXT,
    sub_event_type TEXT,
    actor1 TEXT,
    assoc_actor_1 TEXT,
    inter1 INTEGER,
    actor2 TEXT,
    assoc_actor_2 TEXT,
    inter2 INTEGER,
    interaction INTEGER,
    civilian_targeting TEXT,
    iso INTEGER,
    region TEXT,
    country TEXT,
    admin1 TEXT,
    admin2 TEXT,
    admin3 TEXT,
    "location" TEXT,
    latitude DOUBLE,
    longitude DOUBLE,
    geo_precision INTEGER,
    "source" TEXT,
    source_scale TEXT,
    notes TEXT,
    fatalities INTEGER,
    tags TEXT,
    "timestamp" BIGINT,
    "language" TEXT,
    created_at TEXT,
    claims JSON,
    evidence JSON,
    confidence JSON,
    article_ids JSON,
    source_urls JSON,
    history JSON,
    corrections JSON,
    extra JSON
);

CREATE INDEX events_event_date ON events (event_date);
CREATE INDEX events_country ON events (country);
CREATE INDEX events_event_type ON events (event_type);
CREATE INDEX events_lat_lon ON events (latitude, longitude);

CREATE TABLE article_events (
    article_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    PRIMARY KEY (article_id, event_id)
);
CREATE INDEX article_events_event ON article_events (event_id);
