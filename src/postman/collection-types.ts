/**
 * The subset of the Postman Collection Format v2.1.0 the export writes (collection-schema.ts holds the
 * whole format as the project reads it), and the Postman environment file format. Issue 6.
 */

export const COLLECTION_SCHEMA_URL = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

export interface PostmanInfo {
  _postman_id: string;
  name: string;
  description: string;
  schema: typeof COLLECTION_SCHEMA_URL;
}

export interface PostmanScript {
  type: 'text/javascript';
  exec: string[];
}

export interface PostmanEvent {
  listen: 'prerequest' | 'test';
  script: PostmanScript;
}

export interface PostmanVariable {
  key: string;
  value: string;
  type: 'string';
  description?: string;
}

export interface PostmanHeader {
  key: string;
  value: string;
}

export interface PostmanQueryParam {
  key: string;
  value: string;
}

export interface PostmanUrl {
  raw: string;
  host: string[];
  path: string[];
  query?: PostmanQueryParam[];
}

export interface PostmanBody {
  mode: 'raw';
  raw: string;
  options: { raw: { language: 'json' | 'text' } };
}

export interface PostmanAuth {
  type: 'bearer';
  bearer: { key: 'token'; value: string; type: 'string' }[];
}

export interface PostmanRequest {
  auth: PostmanAuth;
  method: string;
  header: PostmanHeader[];
  body?: PostmanBody;
  url: PostmanUrl;
  description: string;
}

export interface PostmanRequestItem {
  name: string;
  event: PostmanEvent[];
  request: PostmanRequest;
  response: [];
}

export interface PostmanFolder {
  name: string;
  description: string;
  item: PostmanRequestItem[];
}

export interface PostmanCollection {
  info: PostmanInfo;
  item: PostmanFolder[];
  variable: PostmanVariable[];
}

/** A Postman environment export (the format Postman's "Export" writes, minus its timestamps). */
export interface PostmanEnvironmentValue {
  key: string;
  value: string;
  /** `secret` masks the value in Postman's UI. */
  type: 'default' | 'secret';
  enabled: true;
}

export interface PostmanEnvironment {
  id: string;
  name: string;
  values: PostmanEnvironmentValue[];
  _postman_variable_scope: 'environment';
}
