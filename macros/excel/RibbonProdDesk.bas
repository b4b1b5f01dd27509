Attribute VB_Name = "RibbonProdDesk"
' ProdDesk ribbon callbacks: each one only calls its Python function in addin.excel.ribbon.
' RunPython is the xlwings VBA built into ProdDesk.xlam (setup_addin.py build).
Option Explicit

Sub CheckBook(control As IRibbonControl)
    RunProdDesk "check_book"
End Sub

Sub ClearChecks(control As IRibbonControl)
    RunProdDesk "clear_checks"
End Sub

Sub CallSheet(control As IRibbonControl)
    RunProdDesk "call_sheet"
End Sub

Sub ExportPdf(control As IRibbonControl)
    RunProdDesk "export_pdf"
End Sub

Sub DayOutOfDays(control As IRibbonControl)
    RunProdDesk "day_out_of_days"
End Sub

Sub SendCallSheet(control As IRibbonControl)
    RunProdDesk "send_call_sheet"
End Sub

Sub Confirmations(control As IRibbonControl)
    RunProdDesk "confirmations"
End Sub

Sub AddMissingTabs(control As IRibbonControl)
    RunProdDesk "add_missing_tabs"
End Sub

Sub ShowHelp(control As IRibbonControl)
    RunProdDesk "show_help"
End Sub

Private Sub RunProdDesk(button As String)
    ' Python first checks that its xlwings is the one whose VBA this add-in holds
    ' (XLWINGS_VERSION), and stops with one sentence when they differ.
    RunPython "import addin.excel.package as package; package.require_xlwings('" & XLWINGS_VERSION & _
        "'); import addin.excel.ribbon as ribbon; ribbon." & button & "()"
End Sub
