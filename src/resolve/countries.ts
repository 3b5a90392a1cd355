// Countries as places of precision 4 (SPEC location.precision), from data/countries.json.
import capitals from '../../data/capitals.json' with { type: 'json' };
import countries from '../../data/countries.json' with { type: 'json' };
import { type Place, resolveToponym } from './places.ts';

interface CountryRow {
  iso2: string;
  iso3: string;
  name: string;
  lat: number;
  lon: number;
}

const BY_ISO2 = new Map((countries as CountryRow[]).map((c) => [c.iso2, c]));

export function countryPlace(iso2: string): Place | null {
  const c = BY_ISO2.get(iso2.toUpperCase());
  if (!c) return null;
  return {
    name: c.name,
    lat: c.lat,
    lon: c.lon,
    admin1: null,
    country: c.iso2,
    geonameId: null,
    kind: 'country',
    population: 0,
    precision: 4,
  };
}

export function countryName(iso2: string): string | null {
  return BY_ISO2.get(iso2.toUpperCase())?.name ?? null;
}

export function countryIso3(iso2: string): string | null {
  return BY_ISO2.get(iso2.toUpperCase())?.iso3 ?? null;
}

const CAPITALS = capitals.capitals as Record<string, string>;

/** The capital of a country as a place ("in the capital"), resolved through the gazetteer. */
export function capitalOf(iso2: string): Place | null {
  const name = CAPITALS[iso2.toUpperCase()];
  if (!name) return null;
  const place = resolveToponym(name, { countryHint: [iso2.toUpperCase()] });
  return place && place.country === iso2.toUpperCase() ? place : null;
}
