package org.wsusremediator.inventory;

/** Turns a scalar's text (YAML or CSV, both arrive as text) into a typed value. */
@FunctionalInterface
interface ValueParser<T> {
    T parse(String text) throws InvalidValue;
}
