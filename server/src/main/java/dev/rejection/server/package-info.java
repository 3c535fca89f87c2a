/**
 * The HTTP API of the rejection detector: {@link dev.rejection.server.RejectionServer} serves
 * {@code POST /v1/classify}, LLM Guard's {@code POST /scan/output} and {@code /analyze/output} for its NoRefusal
 * scanner, health, readiness, Prometheus metrics and its OpenAPI document, grouping concurrent requests into one
 * model call ({@link dev.rejection.server.MicroBatcher}).
 */
package dev.rejection.server;
