/**
 * crmlab 检查作业: a toolbar button that checks the whole notebook on the server
 * (POST /crmlab/check, crmlab.selfcheck) and lists the result in Chinese in a side
 * panel; and, where no nbgrader exchange exists, a Chinese note in place of
 * nbgrader's Assignment List (the server disables nbgrader's plugin then).
 */
import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  CommandToolbarButton,
  ICommandPalette,
  MainAreaWidget
} from '@jupyterlab/apputils';
import { PageConfig, URLExt } from '@jupyterlab/coreutils';
import { DocumentRegistry } from '@jupyterlab/docregistry';
import {
  INotebookModel,
  INotebookTracker,
  NotebookPanel
} from '@jupyterlab/notebook';
import { ServerConnection } from '@jupyterlab/services';
import { checkIcon } from '@jupyterlab/ui-components';
import { DisposableDelegate, IDisposable } from '@lumino/disposable';
import { Widget } from '@lumino/widgets';

const CHECK_COMMAND = 'crmlab-selfcheck:check';
// nbgrader's own command id: its Nbgrader menu and palette entries then open our note.
const ASSIGNMENT_LIST_COMMAND = 'nbgrader:open-assignment-list';

/** The report crmlab.selfcheck.NotebookCheck.to_dict() sends. */
interface ICheck {
  task: string;
  check: string;
  grade_id: string;
  points: number;
  passed: boolean;
  message: string;
}

interface IReport {
  notebook: string;
  summary: string;
  hint: string;
  checks: ICheck[];
  notes: string[];
  seconds: number;
  all_passed: boolean;
}

function element(
  tag: string,
  className: string,
  text?: string
): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) {
    // textContent, never innerHTML: messages can quote what a student typed.
    node.textContent = text;
  }
  return node;
}

function points(value: number): string {
  return `${Number.isInteger(value) ? value : value.toFixed(1)} 分`;
}

/** The side panel that shows the last check. */
class ResultPanel extends Widget {
  constructor() {
    super();
    this.id = 'crmlab-selfcheck-results';
    this.addClass('crmlab-SelfCheck');
    this.title.icon = checkIcon;
    this.title.caption = '检查作业的结果';
    this.show_(
      element(
        'p',
        'crmlab-SelfCheck-idle',
        '在笔记本的工具栏上点“检查作业”，这里会列出每一项检查是否通过。'
      )
    );
  }

  running(name: string): void {
    const box = element('div', 'crmlab-SelfCheck-running');
    box.append(
      element('div', 'crmlab-SelfCheck-notebook', name),
      element('p', 'crmlab-SelfCheck-wait', '正在检查……'),
      element(
        'p',
        'crmlab-SelfCheck-hint',
        '会在一个新的内核里把整本笔记本从头运行一遍，通常要几秒钟，长的实训可能要一分钟。'
      )
    );
    this.show_(box);
  }

  failed(name: string, message: string): void {
    const box = element('div', 'crmlab-SelfCheck-error');
    box.append(
      element('div', 'crmlab-SelfCheck-notebook', name),
      element('p', 'crmlab-SelfCheck-problem', `没能完成检查：${message}`)
    );
    this.show_(box);
  }

  report(report: IReport): void {
    const box = element('div', 'crmlab-SelfCheck-report');
    box.append(
      element('div', 'crmlab-SelfCheck-notebook', report.notebook),
      element(
        'p',
        'crmlab-SelfCheck-summary' +
          (report.all_passed ? ' crmlab-mod-passed' : ''),
        report.summary
      )
    );
    let list: HTMLElement | null = null;
    let task: string | null = null;
    // The same cause twice in one task (e.g. "not answered yet") is said once.
    let previous = '';
    for (const check of report.checks) {
      if (list === null || check.task !== task) {
        task = check.task;
        previous = '';
        box.append(element('div', 'crmlab-SelfCheck-task', task));
        list = element('ul', 'crmlab-SelfCheck-checks');
        box.append(list);
      }
      const item = element(
        'li',
        check.passed ? 'crmlab-mod-passed' : 'crmlab-mod-failed'
      );
      item.append(
        element(
          'span',
          'crmlab-SelfCheck-status',
          check.passed ? '通过' : '未通过'
        ),
        element(
          'span',
          'crmlab-SelfCheck-check',
          `${check.check || check.grade_id}（${points(check.points)}）`
        )
      );
      if (check.message) {
        item.append(
          element(
            'div',
            'crmlab-SelfCheck-message',
            check.message === previous ? '同上。' : check.message
          )
        );
      }
      previous = check.message;
      list.append(item);
    }
    if (report.notes.length) {
      box.append(element('div', 'crmlab-SelfCheck-task', '另外'));
      const notes = element('ul', 'crmlab-SelfCheck-notes');
      for (const note of report.notes) {
        notes.append(element('li', '', note));
      }
      box.append(notes);
    }
    if (report.hint) {
      box.append(element('p', 'crmlab-SelfCheck-hint', report.hint));
    }
    box.append(
      element(
        'p',
        'crmlab-SelfCheck-hint',
        `用时 ${report.seconds.toFixed(1)} 秒。改好后再点一次“检查作业”。`
      )
    );
    this.show_(box);
  }

  private show_(content: HTMLElement): void {
    this.node.replaceChildren(
      element('h2', 'crmlab-SelfCheck-title', '检查作业'),
      content
    );
  }
}

async function requestCheck(path: string): Promise<IReport> {
  const settings = ServerConnection.makeSettings();
  const response = await ServerConnection.makeRequest(
    URLExt.join(settings.baseUrl, 'crmlab', 'check'),
    { method: 'POST', body: JSON.stringify({ path }) },
    settings
  );
  if (!response.ok) {
    // The server's message is Chinese, then English.
    throw await ServerConnection.ResponseError.create(response);
  }
  return (await response.json()) as IReport;
}

/** Adds the 检查作业 button to every notebook's toolbar. */
class ButtonExtension
  implements DocumentRegistry.IWidgetExtension<NotebookPanel, INotebookModel>
{
  constructor(private app: JupyterFrontEnd) {}

  createNew(panel: NotebookPanel): IDisposable {
    const button = new CommandToolbarButton({
      commands: this.app.commands,
      id: CHECK_COMMAND,
      args: { widget: panel.id, toolbar: true }
    });
    button.addClass('crmlab-SelfCheck-button');
    panel.toolbar.insertItem(10, 'crmlabSelfCheck', button);
    return new DisposableDelegate(() => button.dispose());
  }
}

const selfCheck: JupyterFrontEndPlugin<void> = {
  id: 'crmlab-selfcheck:plugin',
  description: '检查作业：一键检查整本笔记本，中文结果显示在侧栏。',
  autoStart: true,
  requires: [INotebookTracker],
  optional: [ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    palette: ICommandPalette | null
  ) => {
    const results = new ResultPanel();
    const running = new Set<string>();

    const target = (args: any): NotebookPanel | null => {
      if (args && typeof args.widget === 'string') {
        return tracker.find(panel => panel.id === args.widget) ?? null;
      }
      return tracker.currentWidget;
    };

    const showResults = () => {
      if (!results.isAttached) {
        app.shell.add(results, 'right', { rank: 50 });
      }
      app.shell.activateById(results.id);
    };

    const check = async (panel: NotebookPanel) => {
      const context = panel.context;
      const name = context.localPath.split('/').pop() ?? context.localPath;
      running.add(panel.id);
      app.commands.notifyCommandChanged(CHECK_COMMAND);
      showResults();
      results.running(name);
      try {
        await context.ready;
        try {
          // The server checks the file on disk, so it must hold what the student sees.
          await context.save();
        } catch (reason) {
          results.failed(name, `保存笔记本没有成功，所以没有检查（${reason}）。`);
          return;
        }
        results.report(await requestCheck(context.localPath));
      } catch (reason) {
        const message =
          reason instanceof ServerConnection.ResponseError
            ? reason.message
            : `连不上 Jupyter 服务器，它是不是已经关了？（${reason}）`;
        results.failed(name, message);
      } finally {
        running.delete(panel.id);
        app.commands.notifyCommandChanged(CHECK_COMMAND);
      }
    };

    app.commands.addCommand(CHECK_COMMAND, {
      label: args => {
        const panel = target(args);
        return panel && running.has(panel.id) ? '正在检查……' : '检查作业';
      },
      caption: '保存笔记本，从头到尾运行一遍，逐项列出检查是否通过',
      icon: args => (args.toolbar ? undefined : checkIcon),
      isEnabled: args => {
        const panel = target(args);
        return panel !== null && !running.has(panel.id);
      },
      execute: args => {
        const panel = target(args);
        if (panel) {
          return check(panel);
        }
      }
    });
    palette?.addItem({ command: CHECK_COMMAND, category: '检查作业' });
    tracker.currentChanged.connect(() =>
      app.commands.notifyCommandChanged(CHECK_COMMAND)
    );
    app.docRegistry.addWidgetExtension('Notebook', new ButtonExtension(app));
  }
};

const NOTE = [
  '作业列表用来从老师那里领取作业、再把写好的作业交回去。它要靠课程的“作业交换目录”（nbgrader exchange），一般只有学校的 JupyterHub 服务器上才有。',
  '这台电脑上没有作业交换目录，所以这里不会列出作业。做实训时：',
  '1. 在左边的文件浏览器里打开实训笔记本，例如 lab00 文件夹里的 lab00.ipynb；',
  '2. 做完一部分，就点笔记本工具栏上的“检查作业”，看看哪些检查已经通过；',
  '3. 按老师的要求交作业，例如把 .ipynb 文件上传到学习平台。'
];

/** In place of nbgrader's Assignment List, which only shows errors without an exchange. */
const assignmentNote: JupyterFrontEndPlugin<void> = {
  id: 'crmlab-selfcheck:assignment-list-note',
  description: '没有作业交换目录时，用中文说明代替 nbgrader 的作业列表。',
  autoStart: true,
  activate: (app: JupyterFrontEnd) => {
    // Set by crmlab.selfcheck's server extension, which then also disables nbgrader's list.
    if (PageConfig.getOption('crmlabNoExchange') !== 'true') {
      return;
    }
    let widget: MainAreaWidget | null = null;
    app.commands.addCommand(ASSIGNMENT_LIST_COMMAND, {
      label: '作业列表',
      caption: '领取和提交作业（本机没有作业交换目录）',
      execute: () => {
        if (!widget || widget.isDisposed) {
          const content = new Widget();
          content.addClass('crmlab-AssignmentNote');
          content.node.append(element('h2', '', '作业列表'));
          for (const line of NOTE) {
            content.node.append(element('p', '', line));
          }
          widget = new MainAreaWidget({ content });
          widget.id = 'crmlab-assignment-list-note';
          widget.title.label = '作业列表';
          widget.title.closable = true;
        }
        if (!widget.isAttached) {
          app.shell.add(widget, 'main');
        }
        app.shell.activateById(widget.id);
      }
    });
  }
};

export default [selfCheck, assignmentNote];
