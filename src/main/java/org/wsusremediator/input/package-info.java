/**
 * Reading files an admin names (inventories, host lists, credentials, window, admin, recipe files): only regular
 * files, never more than a stated number of bytes, and values quoted in messages only as short excerpts. The
 * limits are documented in docs/inventory.md ("Limits").
 */
package org.wsusremediator.input;
