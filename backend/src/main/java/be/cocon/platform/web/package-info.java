/**
 * HTTP plumbing shared by every module: problem details for every failure, request ids
 * and one structured log line per request.
 */
@NullMarked
package be.cocon.platform.web;

import org.jspecify.annotations.NullMarked;
