/**
 * The request a thread is serving, as the web layer announces it, so that core's logs (a slow
 * statement's WARN) can name it whatever logging backend the service uses.
 *
 * <p><b>Internal:</b> not supported API. It may change or disappear in any release without notice.
 */
package dev.svcinfra.sql.internal.request;
