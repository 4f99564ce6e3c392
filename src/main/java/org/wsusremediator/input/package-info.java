/**
 * Reading files an admin names (inventories, host lists, credentials, window, admin, recipe files): only regular
 * files, never more than a stated number of bytes, and values quoted in messages only as short excerpts. The
 * limits are documented in docs/inventory.md ("Limits"). What is wrong with such a file is a
 * {@link org.wsusremediator.input.Problem} ({@code file:line: field: message}), collected in one
 * {@link org.wsusremediator.input.ProblemList} per read so that every problem is reported at once.
 */
package org.wsusremediator.input;
