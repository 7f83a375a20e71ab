/**
 * Add-ons (issue 13): managed PostgreSQL and Redis, each one container with a named volume, reachable from the
 * apps it is attached to on their own networks, with its connection URL as a config var of those apps.
 */
package win.pvdify.addon;
