// Transitional: the principal moved to src/http/; this stays only while work in progress still imports it.
export * from '../http/principal.ts';
