-- Schema 2: the merge neighbourhood search finds nearby reports through a spatial index instead of a
-- date-range scan (a date_from <= x AND date_to >= y condition reads every older report of the family).
CREATE INDEX reports_geo ON reports USING gist (point(lon, lat));
DROP INDEX reports_family_date;
CREATE INDEX reports_family_date ON reports (family, date_to, date_from);
