/**
 * Validation of free text: well-formed Unicode, one line.
 */
@NullMarked
package dev.warden.support.validation;

import org.jspecify.annotations.NullMarked;
