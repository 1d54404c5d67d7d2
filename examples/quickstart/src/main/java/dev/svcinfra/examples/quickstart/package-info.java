/**
 * The quickstart service: three models, four lines of resources, one hand-written transactional
 * route, migrations packaged in the jar, and health probes. Start with {@link
 * dev.svcinfra.examples.quickstart.QuickstartApp}.
 */
package dev.svcinfra.examples.quickstart;
