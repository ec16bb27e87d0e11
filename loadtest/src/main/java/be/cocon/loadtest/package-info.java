/**
 * The load generator: seeds client–therapist pairs through Cocon's public API, drives
 * STOMP sessions at a Poisson rate, and reports latency, throughput, server CPU and heap,
 * and whether every acknowledged message arrived exactly once and in order.
 */
@NullMarked
package be.cocon.loadtest;

import org.jspecify.annotations.NullMarked;
