/**
 * The one reader of YAML files whose problems must name a line (inventory, change-window file, workaround
 * recipes): {@link org.wsusremediator.yaml.YamlNodeReader} turns a file into
 * {@link org.wsusremediator.yaml.YamlNode}s that know their file, line and field path, and reports into an
 * {@link org.wsusremediator.input.ProblemList}. Each reader of a file kind checks the tree against its own rules;
 * {@link org.wsusremediator.yaml.Suggestions} offers "did you mean" for a misspelt key.
 */
package org.wsusremediator.yaml;
