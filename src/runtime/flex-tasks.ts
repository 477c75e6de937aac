import { isoNow, type Clock, type FlexTaskRequest, type SidGenerator } from '../engine/services.ts';

/** A task send-to-flex handed over, as the emulator's API shows it (TaskRouter's field names). */
export interface FlexTask {
  sid: string;
  account_sid: string;
  workflow_sid: string;
  task_channel_unique_name: string;
  attributes: string;
  priority: number;
  timeout: number;
  assignment_status: 'pending';
  contact: string;
  execution_sid: string;
  date_created: string;
}

/**
 * The tasks send-to-flex creates for messages and conversations. Flex and TaskRouter are not
 * emulated, so a task only waits here, listed by `GET /emulator/v1/FlexTasks`, for a test or a
 * person to see; it lives as long as the process.
 */
export class FlexTasks {
  private readonly tasks: FlexTask[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly sids: SidGenerator,
  ) {}

  create(accountSid: string, request: FlexTaskRequest): FlexTask {
    const task: FlexTask = {
      sid: this.sids.next('WT'),
      account_sid: accountSid,
      workflow_sid: request.workflowSid,
      task_channel_unique_name: request.taskChannel,
      attributes: request.attributes,
      priority: request.priority,
      timeout: request.timeout,
      assignment_status: 'pending',
      contact: request.contact,
      execution_sid: request.executionSid,
      date_created: isoNow(this.clock),
    };
    this.tasks.push(task);
    return task;
  }

  /** The account's tasks, oldest first, optionally of one workflow. */
  list(accountSid: string, workflowSid?: string): FlexTask[] {
    return this.tasks.filter((task) => task.account_sid === accountSid && (!workflowSid || task.workflow_sid === workflowSid));
  }
}
