-- The schema of a database made by Rasd before the table declarations (migrations 1 and 2, verbatim).
-- migration 1: initial schema
CREATE TABLE runs (
            id VARCHAR PRIMARY KEY,
            started_at TIMESTAMP NOT NULL,
            finished_at TIMESTAMP,
            status VARCHAR NOT NULL,            -- running / completed / failed / interrupted
            command VARCHAR,
            engine VARCHAR,
            workers INTEGER,
            inputs VARCHAR[],
            articles_read BIGINT DEFAULT 0,
            articles_stored BIGINT DEFAULT 0,
            already_stored BIGINT DEFAULT 0,
            exact_duplicates BIGINT DEFAULT 0,
            near_duplicates BIGINT DEFAULT 0,
            rejected BIGINT DEFAULT 0,
            events BIGINT DEFAULT 0,
            rasd_version VARCHAR
        );
        CREATE TABLE articles (
            id VARCHAR PRIMARY KEY,
            title VARCHAR,
            text VARCHAR NOT NULL,
            published DATE,
            outlet VARCHAR,
            url VARCHAR,
            source VARCHAR,
            tags VARCHAR[],
            text_hash VARCHAR NOT NULL,
            duplicate_of VARCHAR,               -- near-duplicate (syndicated copy) of this earlier article
            duplicate_similarity DOUBLE,
            minhash BLOB,
            extracted BOOLEAN NOT NULL,         -- false: ingested only, extraction still to run
            run_id VARCHAR,
            ingested_at TIMESTAMP NOT NULL
        );
        CREATE INDEX articles_text_hash ON articles (text_hash);
        CREATE TABLE article_bands (
            band_key BIGINT NOT NULL,
            article_id VARCHAR NOT NULL
        );
        CREATE INDEX article_bands_key ON article_bands (band_key);
        CREATE TABLE mentions (
            article_id VARCHAR NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            label VARCHAR NOT NULL,
            ref VARCHAR
        );
        CREATE INDEX mentions_article ON mentions (article_id);
        CREATE TABLE places (
            id VARCHAR PRIMARY KEY,
            name VARCHAR,
            name_en VARCHAR,
            geonameid BIGINT,
            lat DOUBLE,
            lon DOUBLE,
            admin1 VARCHAR,
            admin2 VARCHAR,
            country VARCHAR
        );
        CREATE TABLE actors (
            id VARCHAR PRIMARY KEY,
            name_en VARCHAR,
            name_ar VARCHAR,
            type VARCHAR,
            inter INTEGER,
            affiliation VARCHAR
        );
        CREATE TABLE events (
            id VARCHAR PRIMARY KEY,
            article_id VARCHAR NOT NULL,
            seq INTEGER NOT NULL,
            kind VARCHAR NOT NULL,
            event_type VARCHAR NOT NULL,
            sub_event_type VARCHAR NOT NULL,
            place_id VARCHAR,
            location_name VARCHAR,
            location_precision INTEGER,
            date_start DATE,
            date_end DATE,
            date_precision VARCHAR,
            polarity VARCHAR NOT NULL,
            certainty VARCHAR NOT NULL,
            genericity VARCHAR NOT NULL,
            fatalities INTEGER,                 -- best fatality count, for quick filtering and ACLED export
            trigger VARCHAR,
            record JSON NOT NULL                -- the full FORMAT.md event record
        );
        CREATE INDEX events_article ON events (article_id);
        CREATE TABLE event_counts (
            event_id VARCHAR NOT NULL,
            what VARCHAR NOT NULL,
            low INTEGER,
            best INTEGER,
            high INTEGER
        );
        CREATE TABLE event_actors (
            event_id VARCHAR NOT NULL,
            seq INTEGER NOT NULL,
            role VARCHAR NOT NULL,
            name VARCHAR NOT NULL,
            name_en VARCHAR,
            actor_id VARCHAR
        );
        CREATE TABLE event_sources (
            event_id VARCHAR NOT NULL,
            seq INTEGER NOT NULL,
            speaker VARCHAR,
            role VARCHAR,
            organization VARCHAR,
            actor_id VARCHAR,
            stance VARCHAR NOT NULL,
            quote VARCHAR
        );
-- migration 2: canonical events (cross-article merging)
CREATE TABLE canonical_events (
            id VARCHAR PRIMARY KEY,             -- ce_ + hash of the founding report's event id
            kind VARCHAR NOT NULL,
            event_type VARCHAR NOT NULL,
            sub_event_type VARCHAR NOT NULL,
            date_start DATE,
            date_end DATE,
            date_precision VARCHAR,
            place_id VARCHAR,
            location_name VARCHAR,
            location_name_en VARCHAR,
            geonameid BIGINT,
            lat DOUBLE,
            lon DOUBLE,
            admin1 VARCHAR,
            admin2 VARCHAR,
            country VARCHAR,
            location_precision INTEGER,
            place_search VARCHAR,               -- folded names (place, admin1, admin2) for substring filters
            polarity VARCHAR NOT NULL,
            certainty VARCHAR NOT NULL,
            genericity VARCHAR NOT NULL,
            contested BOOLEAN NOT NULL,
            contested_reasons VARCHAR[],
            fatalities INTEGER,                 -- merged best fatality count
            defectors INTEGER,                  -- merged best defector count
            n_reports INTEGER NOT NULL,
            n_articles INTEGER NOT NULL,        -- syndicated copies counted once
            n_outlets INTEGER NOT NULL,
            n_sources INTEGER NOT NULL,
            confirms INTEGER NOT NULL,
            denies INTEGER NOT NULL,
            downplays INTEGER NOT NULL,
            reports INTEGER NOT NULL,
            first_published DATE,
            actors JSON,                        -- [{role, name, name_en, id}]
            counts JSON                         -- {what: {low, best, high}}
        );
        CREATE TABLE canonical_members (
            event_id VARCHAR PRIMARY KEY,
            canonical_id VARCHAR NOT NULL,
            article_id VARCHAR NOT NULL,
            root_article_id VARCHAR NOT NULL    -- the article this one is a syndicated copy of (or itself)
        );
        CREATE INDEX canonical_members_cid ON canonical_members (canonical_id);
        CREATE TABLE canonical_counts (
            canonical_id VARCHAR NOT NULL,
            what VARCHAR NOT NULL,
            low INTEGER,
            best INTEGER,
            high INTEGER
        );
        CREATE TABLE canonical_actors (
            canonical_id VARCHAR NOT NULL,
            seq INTEGER NOT NULL,
            role VARCHAR NOT NULL,
            name VARCHAR,
            name_en VARCHAR,
            actor_id VARCHAR,
            search VARCHAR                      -- folded Arabic and lower-cased English names
        );
        CREATE INDEX canonical_actors_cid ON canonical_actors (canonical_id);
CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP);
INSERT INTO schema_migrations VALUES (1, 'initial schema', now()), (2, 'canonical events (cross-article merging)', now());
