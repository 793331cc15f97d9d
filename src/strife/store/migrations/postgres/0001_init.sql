-- strife schema v1 (PostgreSQL). Column order must match strife.store.base.
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
    extra JSONB,
    stored_at TIMESTAMPTZ DEFAULT now()
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
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    geo_precision INTEGER,
    "source" TEXT,
    source_scale TEXT,
    notes TEXT,
    fatalities INTEGER,
    tags TEXT,
    "timestamp" BIGINT,
    "language" TEXT,
    created_at TEXT,
    claims JSONB,
    evidence JSONB,
    confidence JSONB,
    article_ids JSONB,
    source_urls JSONB,
    history JSONB,
    corrections JSONB,
    extra JSONB
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

-- Filters compare case-insensitively.
CREATE INDEX events_country_lower ON events (lower(country));
CREATE INDEX events_event_type_lower ON events (lower(event_type));
CREATE INDEX articles_stored_at ON articles (stored_at);
