/** GeoJSON object types (RFC 7946), as geovec reads and writes them. */
export type Position = number[];
export interface Point { type: 'Point'; coordinates: Position }
export interface LineString { type: 'LineString'; coordinates: Position[] }
export interface Polygon { type: 'Polygon'; coordinates: Position[][] }
export interface MultiPoint { type: 'MultiPoint'; coordinates: Position[] }
export interface MultiLineString { type: 'MultiLineString'; coordinates: Position[][] }
export interface MultiPolygon { type: 'MultiPolygon'; coordinates: Position[][][] }
export interface GeometryCollection { type: 'GeometryCollection'; geometries: Geometry[] }
export type Geometry = Point | LineString | Polygon | MultiPoint | MultiLineString | MultiPolygon | GeometryCollection;
export interface Feature {
  type: 'Feature';
  geometry: Geometry | null;
  properties: Record<string, unknown> | null;
  id?: string | number | undefined;
}
export interface FeatureCollection { type: 'FeatureCollection'; features: Feature[] }
export type GeoJSON = Geometry | Feature | FeatureCollection;
