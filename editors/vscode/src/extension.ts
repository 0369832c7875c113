// The mcsf extension: it starts `mcsf lsp` for XML files and adds one
// command of its own, which asks for a SIM and shows what the file gives it.
// Everything else (diagnostics, hover, completion, navigation, quick fixes,
// formatting, code lenses) is the language server's.
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from 'vscode-languageclient/node';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;

function makeClient(): LanguageClient {
  const config = vscode.workspace.getConfiguration('mcsf');
  const command = config.get<string>('path', 'mcsf');
  const args = ['lsp', ...config.get<string[]>('args', [])];
  const serverOptions: ServerOptions = {
    run: { command, args },
    debug: { command, args },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'xml' },
      { scheme: 'untitled', language: 'xml' },
    ],
    synchronize: {
      // A changed .mcsf.yaml or imported file makes the server lint again.
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/.mcsf.yaml'),
        vscode.workspace.createFileSystemWatcher('**/*.xml'),
      ],
    },
  };
  return new LanguageClient('mcsf', 'mcsf', serverOptions, clientOptions);
}

interface ResolveResult {
  text: string;
}

async function resolveForSim(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client) {
    vscode.window.showWarningMessage('mcsf: open an answer file first');
    return;
  }
  const sim = await vscode.window.showInputBox({
    prompt: 'The SIM, as condition values',
    placeHolder: 'mcc=310,mnc=410',
    value: 'mcc=310,mnc=410',
  });
  if (!sim) {
    return;
  }
  try {
    const result = (await client.sendRequest(ExecuteCommandRequest.type, {
      command: 'mcsf.resolve',
      arguments: [editor.document.uri.toString(), sim],
    })) as ResolveResult;
    showResult(result);
  } catch (err) {
    vscode.window.showErrorMessage(`mcsf: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function showResult(result: ResolveResult): void {
  output ??= vscode.window.createOutputChannel('mcsf resolve');
  output.clear();
  output.append(result.text);
  output.show(true);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  client = makeClient();
  context.subscriptions.push(
    vscode.commands.registerCommand('mcsf.resolveForSim', resolveForSim),
    vscode.commands.registerCommand('mcsf.restartServer', async () => {
      await client?.restart();
    }),
  );
  // The code lenses' command runs on the server; its answer is shown here.
  client.middleware.executeCommand = async (command, args, next) => {
    const result = (await next(command, args)) as ResolveResult | undefined;
    if (command === 'mcsf.resolve' && result) {
      showResult(result);
    }
    return result;
  };
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
