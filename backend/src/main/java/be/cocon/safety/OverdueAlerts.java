package be.cocon.safety;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Re-alerts moderators about escalations nobody claimed in time. One instance at a time
 * runs the check (a lease in the store); the overdue update itself is conditional too, so
 * even two overlapping runs alert once.
 */
@Component
class OverdueAlerts {

	private static final Logger log = LoggerFactory.getLogger(OverdueAlerts.class);

	private final EscalationService escalations;

	OverdueAlerts(EscalationService escalations) {
		this.escalations = escalations;
	}

	@Scheduled(fixedDelayString = "${cocon.safety.overdue-check-every:20s}",
			initialDelayString = "${cocon.safety.overdue-check-every:20s}")
	@SchedulerLock(name = "safety.overdue-alerts", lockAtMostFor = "PT1M")
	void check() {
		int alerted = this.escalations.alertOverdue();
		if (alerted > 0) {
			log.warn("{} escalation(s) unclaimed past their time; moderators re-alerted", alerted);
		}
	}

}
