-- DHIS2 compatibility: how the identifiers a DHIS2 instance sends map to Accord's diseases, metrics
-- and locations. Administrators (and, for their countries' org units, focal points) maintain them.

-- A data element, optionally narrowed to one category option combination, is one disease and
-- metric. The empty string stands for "any combination" so the pair can be the primary key.
CREATE TABLE dhis2_data_element_mappings (
  data_element text NOT NULL CHECK (length(data_element) BETWEEN 1 AND 255),
  category_option_combo text NOT NULL DEFAULT '' CHECK (length(category_option_combo) <= 255),
  disease_id integer NOT NULL REFERENCES diseases (id),
  metric_id integer NOT NULL REFERENCES metrics (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (data_element, category_option_combo)
);

CREATE TABLE dhis2_org_unit_mappings (
  org_unit text PRIMARY KEY CHECK (length(org_unit) BETWEEN 1 AND 255),
  location_id integer NOT NULL UNIQUE REFERENCES locations (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
