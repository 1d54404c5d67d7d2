/**
 * Internal helpers of the configuration: not supported API. The types here are public only so that
 * other packages of svc-infra can reach them; they may change or disappear in any release without
 * notice.
 */
package dev.svcinfra.config.internal;
