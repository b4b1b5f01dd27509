Attribute VB_Name = "RibbonProdDesk"
' ProdDesk ribbon callbacks: each one only calls its Python function in addin.excel.ribbon.
' Requires the xlwings add-in (RunPython); setup_addin.py install sets it up.
Option Explicit

Sub CheckBook(control As IRibbonControl)
    RunPython "import addin.excel.ribbon as ribbon; ribbon.check_book()"
End Sub

Sub ClearChecks(control As IRibbonControl)
    RunPython "import addin.excel.ribbon as ribbon; ribbon.clear_checks()"
End Sub

Sub CallSheet(control As IRibbonControl)
    RunPython "import addin.excel.ribbon as ribbon; ribbon.call_sheet()"
End Sub

Sub ExportPdf(control As IRibbonControl)
    RunPython "import addin.excel.ribbon as ribbon; ribbon.export_pdf()"
End Sub

Sub AddMissingTabs(control As IRibbonControl)
    RunPython "import addin.excel.ribbon as ribbon; ribbon.add_missing_tabs()"
End Sub

Sub ShowHelp(control As IRibbonControl)
    RunPython "import addin.excel.ribbon as ribbon; ribbon.show_help()"
End Sub
