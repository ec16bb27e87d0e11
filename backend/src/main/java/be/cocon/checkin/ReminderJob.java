package be.cocon.checkin;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Looks for due check-in reminders. One instance at a time runs it (a lease in the
 * store); each reminder is also taken with a conditional update, so even overlapping runs
 * post it once.
 */
@Component
class ReminderJob {

	private static final Logger log = LoggerFactory.getLogger(ReminderJob.class);

	private final DailyReminders reminders;

	ReminderJob(DailyReminders reminders) {
		this.reminders = reminders;
	}

	@Scheduled(fixedDelayString = "${cocon.checkin.reminder-check-every:30s}",
			initialDelayString = "${cocon.checkin.reminder-check-every:30s}")
	@SchedulerLock(name = "checkin.reminders", lockAtMostFor = "PT2M")
	void run() {
		int posted = this.reminders.sendDue();
		if (posted > 0) {
			log.info("{} check-in reminder(s) posted", posted);
		}
	}

}
