-- The compact table of routing facts for compact-probe.c: the open version of every citizen,
-- keyed by the CPR number as rowid (one small B-tree: 116 interior pages, 37,593 leaves at 5M).
PRAGMA journal_mode = DELETE;
CREATE TABLE route_facts (
  cpr INTEGER PRIMARY KEY, valid_from TEXT NOT NULL, kind INTEGER NOT NULL, status INTEGER NOT NULL,
  status_date TEXT, municipality INTEGER NOT NULL, custody_1 INTEGER, custody_2 INTEGER);
INSERT INTO route_facts
  SELECT cpr, valid_from,
    CASE address_kind WHEN 'danish' THEN 0 WHEN 'foreign' THEN 1 ELSE 2 END,
    CASE status WHEN 'resident' THEN 0 WHEN 'emigrated' THEN 1 WHEN 'no-fixed-residence' THEN 2 ELSE 3 END,
    status_date, municipality, custody_1, custody_2
  FROM citizen WHERE valid_to IS NULL ORDER BY cpr;
